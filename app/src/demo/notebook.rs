//! The demo family's notes and Johanna's life story.

use super::writes;
use crate::db::{self, At};
use crate::error::AppResult;

/// Who wrote what in the demo.
pub struct Writers {
    pub admin: i64,
    pub trusted: i64,
    pub helper: i64,
}

pub async fn seed(tx: &mut db::Tx, page_id: i64, writers: Writers, now: At) -> AppResult<()> {
    // (writer, title, text, phone, address, pinned)
    let notes = [
        (
            writers.admin,
            "Huisarts",
            "Dokter Veldman. Spreekuur 8:00–10:00; na 17:00 de huisartsenpost.",
            "030 - 271 33 90",
            "Gezondheidscentrum Oost\nBiltstraat 180\n3572 BS Utrecht",
            true,
        ),
        (
            writers.helper,
            "Waar ligt de sleutel",
            "In het sleutelkastje naast de voordeur, code 4711. Na gebruik het kastje weer dichtdraaien.",
            "",
            "",
            true,
        ),
        (
            writers.trusted,
            "Apotheek",
            "Medicijnen worden op dinsdag bezorgd.",
            "030 - 254 08 12",
            "Apotheek Wittevrouwen\nNachtegaalstraat 3\n3581 AB Utrecht",
            false,
        ),
        (
            writers.helper,
            "Kapper",
            "Salon Anja komt aan huis, om de zes weken.",
            "06 - 2345 6789",
            "",
            false,
        ),
    ];
    for (writer, title, body, phone, address, pinned) in notes {
        let note = writes::Note {
            page_id,
            author_id: writer,
            title,
            body,
            phone,
            address,
            pinned,
        };
        writes::note(tx, &note, now).await?;
    }
    let story = [
        (
            "jeugd",
            "Ik ben geboren in 1938 in Zeist, als oudste van vier. Mijn vader had een bakkerij; 's zaterdags bracht ik op de fiets het brood rond.",
        ),
        (
            "werk",
            "Ik was onderwijzeres op een lagere school in Utrecht, bijna veertig jaar. Oud-leerlingen groeten me nog steeds op de markt.",
        ),
        (
            "familie",
            "Mijn man Kees is in 2015 overleden. Onze kinderen Marieke en Pieter wonen in de buurt. Ik heb vijf kleinkinderen.",
        ),
        (
            "fijn-en-niet",
            "Ik houd van koffie met een Lange Vinger, van de radio (klassiek) en van de tuin. Ik houd niet van haast, en niet van harde muziek.",
        ),
        (
            "mijn-dag",
            "Ik sta om half acht op en wil eerst rustig ontbijten. 's Middags doe ik een dutje tot drie uur; daarna graag een wandelingetje.",
        ),
    ];
    for (chapter, body) in story {
        writes::story_chapter(tx, page_id, chapter, body, writers.trusted, now).await?;
    }
    Ok(())
}
