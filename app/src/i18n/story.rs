//! Mijn verhaal: the life story, in the person's own voice.

use crate::life_story::CHAPTERS;

#[cfg_attr(test, derive(serde::Serialize))]
pub struct StoryTexts {
    pub nav: &'static str,
    pub intro: &'static str,
    pub who_reads: &'static str,
    /// The chapters' titles, in the order of [`crate::life_story::Chapter::ALL`].
    pub chapters: [&'static str; CHAPTERS],
    /// What each chapter could tell, as examples in the first person.
    pub hints: [&'static str; CHAPTERS],
    pub not_written: &'static str,
    pub write: &'static str,
    pub change: &'static str,
    pub written_by: &'static str,
    pub saved: &'static str,
    pub versions_title: &'static str,
    pub versions_none: &'static str,
    pub version_by: &'static str,
    pub print: &'static str,
    pub print_title: &'static str,
    pub printed_on: &'static str,
    pub back: &'static str,
}

pub const NL_STORY: StoryTexts = StoryTexts {
    nav: "Mijn verhaal",
    intro: "Wie {name} is, in de ik-vorm: niet alleen wat er aan zorg nodig is, maar waar iemand vandaan komt en wat ertoe doet. Zo kent een nieuwe helper of verpleegkundige {name} al een beetje bij het aanbellen.",
    who_reads: "Alle leden van de zorgpagina en de gekoppelde thuiszorg lezen het. De beheerder en de vertrouwensgroep schrijven; eerdere versies blijven bewaard.",
    chapters: [
        "Mijn jeugd",
        "Mijn werk",
        "Mijn familie",
        "Wat voor mij belangrijk is",
        "Wat ik fijn vind en wat niet",
        "Mijn dag",
    ],
    hints: [
        "Waar ik geboren ben en opgroeide, mijn ouders, broers en zussen, school.",
        "Wat ik gedaan heb, waar ik trots op ben, vrijwilligerswerk.",
        "Mijn partner, kinderen, kleinkinderen, wie er dichtbij is.",
        "Geloof, gewoonten, dingen die ik per se zo wil.",
        "Eten, muziek, bezigheden; en wat ik niet wil of eng vind.",
        "Hoe laat ik opsta en naar bed ga, mijn vaste momenten, koffie of thee.",
    ],
    not_written: "Nog niet geschreven.",
    write: "Schrijven",
    change: "Wijzigen",
    written_by: "Geschreven door {name}, {when}",
    saved: "‘{chapter}’ is opgeslagen.",
    versions_title: "Eerdere versies",
    versions_none: "Er zijn nog geen eerdere versies.",
    version_by: "{when}, door {name}",
    print: "Print mijn verhaal",
    print_title: "Het verhaal van {name}",
    printed_on: "Afgedrukt op {date}",
    back: "Terug naar het verhaal",
};

pub const EN_STORY: StoryTexts = StoryTexts {
    nav: "My story",
    intro: "Who {name} is, in the first person: not only what care is needed, but where someone comes from and what matters. A new helper or nurse then knows {name} a little before ringing the bell.",
    who_reads: "Every member of the care page and the linked home-care organisation can read it. The admin and the trusted group write; earlier versions are kept.",
    chapters: [
        "My childhood",
        "My work",
        "My family",
        "What matters to me",
        "What I like and what I do not",
        "My day",
    ],
    hints: [
        "Where I was born and grew up, my parents, brothers and sisters, school.",
        "What I did, what I am proud of, volunteering.",
        "My partner, children, grandchildren, who is close by.",
        "Faith, habits, things I want done my way.",
        "Food, music, pastimes; and what I do not want or am afraid of.",
        "When I get up and go to bed, my fixed moments, coffee or tea.",
    ],
    not_written: "Not written yet.",
    write: "Write",
    change: "Change",
    written_by: "Written by {name}, {when}",
    saved: "‘{chapter}’ has been saved.",
    versions_title: "Earlier versions",
    versions_none: "There are no earlier versions yet.",
    version_by: "{when}, by {name}",
    print: "Print my story",
    print_title: "The story of {name}",
    printed_on: "Printed on {date}",
    back: "Back to the story",
};
