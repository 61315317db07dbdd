//! What a printed document says about itself, made true and fit for
//! archiving as PDF/A-2b: the real moment it was made, Kring as its maker,
//! the same facts as XMP metadata, an sRGB output intent, its language, and
//! nothing that is not so (the PDF library writes an empty PDF/X version,
//! 1970 as its date and empty fields, which made readers call it PDF/X).

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

const MAKER: &str = "Kring";

/// `document` with its description replaced, saved as bytes.
pub fn finish(
    mut document: Document,
    title: &str,
    language: &str,
    made: DateTime<Utc>,
) -> Option<Vec<u8>> {
    // PDF/A-2 is built on PDF 1.7; the library writes 1.3.
    document.version = "1.7".into();
    let info = document.add_object(info(title, made));
    document.trailer.set("Info", Object::Reference(info));
    // XMP must not be compressed: archives read it without a PDF parser.
    let xmp = Stream::new(
        Dictionary::from_iter([("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp(title, language, made).into_bytes(),
    )
    .with_compression(false);
    let xmp = document.add_object(xmp);
    let profile = srgb_profile();
    let profile = document.add_object(Stream::new(
        Dictionary::from_iter([("N", Object::Integer(3))]),
        profile,
    ));
    let intent = Dictionary::from_iter([
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", text("sRGB IEC61966-2.1")),
        ("Info", text("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    let catalog = document.trailer.get(b"Root").ok()?.as_reference().ok()?;
    let catalog = document.get_object_mut(catalog).ok()?.as_dict_mut().ok()?;
    catalog.set("Metadata", Object::Reference(xmp));
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    catalog.set("Lang", text(language));
    // Readers show the title, not the file name, in their window.
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
    document.prune_objects();
    document.compress();
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).ok()?;
    Some(bytes)
}

fn name(value: &str) -> Object {
    Object::Name(value.as_bytes().to_vec())
}

fn text(value: &str) -> Object {
    Object::String(value.as_bytes().to_vec(), StringFormat::Literal)
}

/// A PDF text string that holds any character: UTF-16BE after its mark.
fn unicode_text(value: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(value.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Literal)
}

fn info(title: &str, made: DateTime<Utc>) -> Dictionary {
    let date = text(&made.format("D:%Y%m%d%H%M%S+00'00'").to_string());
    Dictionary::from_iter([
        ("Title", unicode_text(title)),
        ("Creator", text(MAKER)),
        ("Producer", text(MAKER)),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ])
}

/// The XMP packet: the Info dictionary's facts again (PDF/A wants both to
/// agree) and the claim of PDF/A-2b.
fn xmp(title: &str, language: &str, made: DateTime<Utc>) -> String {
    let title = crate::shell::plain_page::escape_html(title);
    let language = crate::shell::plain_page::escape_html(language);
    let date = made.format("%Y-%m-%dT%H:%M:%S+00:00");
    // The packet opens with a byte-order mark, as XMP asks.
    let opening = "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>";
    format!(
        r#"{opening}
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{MAKER}</xmp:CreatorTool>
   <pdf:Producer>{MAKER}</pdf:Producer>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#
    )
}

/// An ICC (version 2) display profile of sRGB, built from the standard's
/// own numbers: its primaries adapted to D50 and its tone curve. Made here
/// rather than shipped, so no file of unclear licence rides along; 1 KB.
pub fn srgb_profile() -> Vec<u8> {
    fn xyz([x, y, z]: [f64; 3]) -> Vec<u8> {
        let mut tag = b"XYZ \0\0\0\0".to_vec();
        for value in [x, y, z] {
            tag.extend(((value * 65536.0).round() as i32).to_be_bytes());
        }
        tag
    }
    let description = {
        let words = b"sRGB IEC61966-2.1\0";
        let mut tag = b"desc\0\0\0\0".to_vec();
        tag.extend((words.len() as u32).to_be_bytes());
        tag.extend(words);
        // No Unicode and no Macintosh script form: their counts are zero.
        tag.extend([0u8; 4 + 4 + 2 + 1 + 67]);
        tag
    };
    let copyright = b"text\0\0\0\0No copyright, use freely\0".to_vec();
    // The sRGB tone curve in 256 steps, shared by red, green and blue.
    let curve = {
        let mut tag = b"curv\0\0\0\0".to_vec();
        tag.extend(256u32.to_be_bytes());
        for step in 0..256u32 {
            let v = f64::from(step) / 255.0;
            let linear = if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            };
            tag.extend(((linear * 65535.0).round() as u16).to_be_bytes());
        }
        tag
    };
    let tags: [(&[u8; 4], Vec<u8>); 9] = [
        (b"desc", description),
        (b"cprt", copyright),
        (b"wtpt", xyz([0.9642, 1.0, 0.8249])),
        (b"rXYZ", xyz([0.4361, 0.2225, 0.0139])),
        (b"gXYZ", xyz([0.3851, 0.7169, 0.0971])),
        (b"bXYZ", xyz([0.1431, 0.0606, 0.7141])),
        (b"rTRC", curve),
        (b"gTRC", Vec::new()),
        (b"bTRC", Vec::new()),
    ];
    let table_end = 128 + 4 + 12 * tags.len();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data: Vec<u8> = Vec::new();
    let mut curve_at = (0, 0);
    for (signature, body) in &tags {
        let (offset, size) = if body.is_empty() {
            curve_at
        } else {
            while !data.len().is_multiple_of(4) {
                data.push(0);
            }
            let at = (table_end + data.len(), body.len());
            data.extend(body);
            at
        };
        if *signature == b"rTRC" {
            curve_at = (offset, size);
        }
        table.extend(*signature);
        table.extend((offset as u32).to_be_bytes());
        table.extend((size as u32).to_be_bytes());
    }
    let size = table_end + data.len();
    let mut profile = Vec::with_capacity(size);
    profile.extend((size as u32).to_be_bytes());
    profile.extend([0u8; 4]); // preferred colour engine: none
    profile.extend(0x0210_0000u32.to_be_bytes()); // version 2.1
    profile.extend(b"mntrRGB XYZ ");
    for part in [2026u16, 1, 1, 0, 0, 0] {
        profile.extend(part.to_be_bytes());
    }
    profile.extend(b"acsp");
    profile.extend([0u8; 24]); // platform, flags, maker, model, attributes
    profile.extend(0u32.to_be_bytes()); // perceptual rendering
    profile.extend(&xyz([0.9642, 1.0, 0.8249])[8..]); // D50, the connection white
    profile.resize(128, 0);
    profile.extend(table);
    profile.extend(data);
    profile
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_colour_profile_is_a_well_formed_icc_file() {
        let profile = srgb_profile();
        let word = |at: usize| u32::from_be_bytes(profile[at..at + 4].try_into().unwrap()) as usize;
        assert_eq!(word(0), profile.len());
        assert_eq!(&profile[36..40], b"acsp");
        assert_eq!(&profile[12..24], b"mntrRGB XYZ ");
        let count = word(128);
        assert_eq!(count, 9);
        let mut signatures = Vec::new();
        for tag in 0..count {
            let entry = 132 + tag * 12;
            let (offset, size) = (word(entry + 4), word(entry + 8));
            assert!(offset.is_multiple_of(4), "tags start on a 4-byte boundary");
            assert!(offset + size <= profile.len());
            signatures.push(&profile[entry..entry + 4]);
        }
        for wanted in [
            b"desc", b"cprt", b"wtpt", b"rXYZ", b"gXYZ", b"bXYZ", b"rTRC", b"gTRC", b"bTRC",
        ] {
            assert!(signatures.contains(&wanted.as_slice()));
        }
        assert!(profile.len() < 1024);
    }

    #[test]
    fn the_description_says_when_and_by_whom_in_both_places() {
        let made = "2026-12-07T13:05:09Z".parse().unwrap();
        let xmp = xmp("Zorgplan <Zoë & Ab>", "nl", made);
        assert!(xmp.contains("Zorgplan &lt;Zoë &amp; Ab&gt;"));
        assert!(xmp.contains("<xmp:CreateDate>2026-12-07T13:05:09+00:00</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
        let info = info("Zorgplan", made);
        assert_eq!(
            info.get(b"CreationDate").unwrap().as_str().unwrap(),
            b"D:20261207130509+00'00'"
        );
        assert_eq!(info.get(b"Producer").unwrap().as_str().unwrap(), b"Kring");
        assert!(info.get(b"GTS_PDFXVersion").is_err());
    }
}
