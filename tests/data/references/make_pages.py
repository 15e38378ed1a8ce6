"""Writes the hand-labelled reference pages and labels.csv (run once by hand; the files are the data).

Each comment lists, per @ in its text and in order, the true target: "#N" (comment number N on the
page), a comment_id (CSV), an author name for a target not in the data, or "none" (not a reference,
or no edge by the rules: own author, number and name disagree, a year)."""
import csv
from pathlib import Path

OUT = Path(__file__).resolve().parent

# (number, "DD.MM.YYYY HH:MM", author, text, [label per @-occurrence in order: "#N", name, or "none"])
A = [
 (3, "01.03.2019 08:00", "Anna Schmidt", "Die Rente mit 63 war ein Fehler.", []),
 (4, "01.03.2019 08:10", "Bernd", "@3 Anna Schmidt: Das sehe ich anders.", ["#3"]),
 (5, "01.03.2019 08:15", "Jürgen Müller", "@ 4 Genau so ist es. Schreiben Sie mir: juergen@example.org", ["#4", "none"]),
 (6, "01.03.2019 08:20", "Sabine K.", "@Bernd Wieso? @Anna Schmidt hat doch recht.", ["#4", "#3"]),
 (7, "01.03.2019 08:30", "Anna Schmidt", "@Juergen Mueller: Sie haben das @-Zeichen vergessen.\nGruß, Anna Schmidt", ["#5", "none"]),
 (8, "01.03.2019 08:41", "Fragender Rentner", "@1 Wer hat das geschrieben? Und @2?", ["#1", "#2"]),
 (9, "01.03.2019 08:50", "Klaus-Dieter", "@Nr. 7 Richtig. Siehe auch https://www.rente.de/@info und www.x.de/@Anna", ["#7", "none", "none"]),
 (10, "01.03.2019 09:05", "Bernd", "@#8 Die Kommentare 1 und 2 sind gelöscht. @ sonst jemand eine Idee?", ["#8", "none"]),
 (11, "01.03.2019 09:10", "Zeitzeuge", "@Sabine K. Die Rente ist sicher, sagte Blüm.", ["#6"]),
 (12, "01.03.2019 09:20", "Ölprinz", "@ 9, Klaus-Dieter, Sie irren.\n@Oelprinz ist übrigens mein alter Name.", ["#9", "none"]),
 (13, "01.03.2019 09:30", "W. Merseburger", "@Jürgen Müller @Bernd Ihr beide übertreibt.", ["#5", "#10"]),
 (14, "01.03.2019 09:45", "Bernd", "@Merseburger Ich übertreibe nie.", ["#13"]),
 (15, "01.03.2019 10:00", "Anna Schmidt", "@Ralf Meier Sie haben mir gestern geschrieben.", ["Ralf Meier"]),
 (16, "01.03.2019 10:05", "Sabine K.", "Treffen @ Bahnhof um 12? @ 12 Uhr passt mir.", ["none", "none"]),
 (17, "01.03.2019 10:20", "Klaus-Dieter", "@Zeitzeuge: Blüm hat das 1986 gesagt.@Fragender Rentner die Nummern fehlen.", ["#11", "#8"]),
 (18, "01.03.2019 10:30", "Jürgen Müller", "@7 Anna Schmidt danke für den Hinweis!", ["#7"]),
 (19, "01.03.2019 10:40", "Zeitzeuge", "@18 Bernd: falsche Nummer?", ["none"]),
 (20, "01.03.2019 10:50", "Sabine K.", "@Klaus Dieter Die Nummer stimmt doch.", ["#17"]),
 (21, "01.03.2019 11:00", "Ölprinz", "@ 3 @4 @5 alle falsch.", ["#3", "#4", "#5"]),
 (22, "01.03.2019 11:10", "Anna Schmidt", "Meine Mail: anna@schmidt.de, und das @ allein ist kein Verweis. @bernd: nein.", ["none", "none", "#14"]),
]

B = [
 (1, "12.05.2020 18:02", "Meckersack", "Wieder ein Artikel ohne Quellen.", []),
 (2, "12.05.2020 18:10", "Norbert NRW", "@Meckersack Die Quellen stehen unten.", ["#1"]),
 (3, "12.05.2020 18:15", "Meckersack", "@ 2, Norbert NRW, wo denn?", ["#2"]),
 (4, "12.05.2020 18:20", "Müllerin", "@2 @3 Streitet nicht. Was @Meckersack meint, ist doch klar.", ["#2", "#3", "#3"]),
 (5, "12.05.2020 18:31", "Norbert NRW", "@Muellerin danke!\n@Meckersack: Ganz unten, unter dem Foto.", ["#4", "#3"]),
 (6, "12.05.2020 18:40", "Eule 77", "Ich habe @home nachgesehen: nichts. Wer schreibt @ 20 Grad?", ["none", "none"]),
 (7, "12.05.2020 18:45", "Meckersack", "@Norbert NRW:Gefunden, danke.", ["#5"]),
 (8, "12.05.2020 18:50", "Eule 77", "@6 Eule 77: ich meinte natürlich nichts gefunden.", ["none"]),
 (9, "12.05.2020 19:01", "Hans Wurst", "@Eule77 @Eule 77 Beides ok.", ["#8", "#8"]),
 (10, "12.05.2020 19:05", "Müllerin", "@9 Hans Wurst: Wer bist du? @Petra Lustig kennt dich.", ["#9", "Petra Lustig"]),
 (11, "12.05.2020 19:10", "Hans Wurst", "@Müllerin@Petra gleich zwei? Das war ein Tippfehler: test@@test", ["#10", "none", "none"]),
 (12, "12.05.2020 19:20", "Norbert NRW", "@Hans WurstDu bist lustig.", ["#11"]),
 (13, "12.05.2020 19:25", "Meckersack", "@12 Norbert NRW und @ 11 Hans Wurst: bitte sachlich.", ["#12", "#11"]),
 (14, "12.05.2020 19:31", "Eule 77", "@Meckersak du auch.", ["#13"]),
 (15, "12.05.2020 19:40", "Hans Wurst", "@ Eule 77 Ja. @Rainer Zufall hat das schon 2019 gesagt.", ["#14", "Rainer Zufall"]),
 (16, "12.05.2020 19:45", "Meckersack", "@ meckersack? Nein, @Eule 77 meint mich. Sonst siehe @15.", ["none", "#14", "#15"]),
 (17, "12.05.2020 19:50", "Müllerin", "@Hans Wurst, @Norbert NRW und @Meckersack: Feierabend!", ["#15", "#12", "#16"]),
 (18, "12.05.2020 20:02", "Norbert NRW", "@17 Gute Nacht. (@ Müllerin) P.S. Mails an info@mdr.de", ["#17", "#17", "none"]),
 (19, "12.05.2020 20:10", "Anonym", "@alle: das @Zeichen nutze ich nie. @2019 war besser.", ["none", "none", "none"]),
 (20, "12.05.2020 20:30", "Meckersack", "@Nr. 19 Wie bitte? @#18 danke.", ["#19", "#18"]),
]

C = [  # English, oldest first
 (1, "03.04.2021 09:00", "Ralph Jones", "The council should fund the library.", []),
 (2, "03.04.2021 09:05", "kim_lee", "@Ralph Jones agreed, libraries matter.", ["#1"]),
 (3, "03.04.2021 09:12", "TrueNorth99", "@kim_lee no they don't. Email me at true@north.ca", ["#2", "none"]),
 (4, "03.04.2021 09:20", "Ralph Jones", "@TrueNorth99 You are wrong. @kim_lee thanks.", ["#3", "#2"]),
 (5, "03.04.2021 09:25", "Dr. Sue O'Neil", "@ 3 The data says otherwise: https://stats.example.com/@report", ["#3", "none"]),
 (6, "03.04.2021 09:30", "TrueNorth99", "@Dr. Sue O'Neil which data? @ralph jones: fine.", ["#5", "#4"]),
 (7, "03.04.2021 09:41", "Maggie", "@Sue ONeil I agree with you. @Peter Pan told me the same.", ["#5", "Peter Pan"]),
 (8, "03.04.2021 09:45", "kim_lee", "@TrueNorthYou keep saying that.", ["#6"]),
 (9, "03.04.2021 09:50", "Dr. Sue O'Neil", "@Maggie thanks! @Dr. Sue O'Neil is me, by the way.", ["#7", "none"]),
 (10, "03.04.2021 10:01", "TrueNorth99", "@Ralph Jones @kim_lee @Maggie you all ignore costs.", ["#4", "#8", "#7"]),
 (11, "03.04.2021 10:05", "Ralph Jones", "@10 Costs are small. @4 was my point.", ["#10", "#4"]),
 (12, "03.04.2021 10:10", "Maggie", "@TrueNorth99: cost per reader is 2 dollars @ 5 visits.", ["#10", "none"]),
 (13, "03.04.2021 10:20", "Bob", "@Magie sorry, which 5 visits? @ Bob here.", ["#12", "none"]),
 (14, "03.04.2021 10:25", "Maggie", "@Bob per month. I meant 5 visits a month @ home.", ["#13", "none"]),
 (15, "03.04.2021 10:31", "kim_lee", "@Maggie @Bob @Ralph Jones @TrueNorth99 let's vote.", ["#14", "#13", "#11", "#10"]),
 (16, "03.04.2021 10:40", "Bob", "@15 I vote yes. @Zed Zulu votes no.", ["#15", "Zed Zulu"]),
 (17, "03.04.2021 10:45", "TrueNorth99", "@ Bob ok. @#16 noted. @ bob again.", ["#16", "#16", "#16"]),
 (18, "03.04.2021 10:50", "Dr. Sue O'Neil", "@Ralph Jones, @TrueNorth99 and @Maggie: see you at the meeting.", ["#11", "#17", "#14"]),
 (19, "03.04.2021 11:00", "Ralph Jones", "@RalphJones is my handle on X. @Zed Zulu is my neighbour.", ["none", "Zed Zulu"]),
 (20, "03.04.2021 11:05", "Maggie", "@kimlee @True North @18 bye!", ["#15", "#17", "#18"]),
]

# a German page read newest first, with a long article part and greetings
D = [
 (21, "05.06.2022 07:00", "Hanna Berger", "Guten Morgen zusammen!", []),
 (22, "05.06.2022 07:10", "Ömer Yıldız", "@Hanna Berger Guten Morgen!", ["#21"]),
 (23, "05.06.2022 07:12", "Hanna Berger", "@Ömer Yildiz Na, schon wach?", ["#22"]),
 (24, "05.06.2022 07:20", "Kaffeetante", "@22 @23 Ihr seid früh dran. Meine Seite: kaffeetante.de/@blog", ["#22", "#23", "none"]),
 (25, "05.06.2022 07:25", "Ömer Yıldız", "@Kaffeetante Immer!\nGruß @ alle", ["#24", "none"]),
 (26, "05.06.2022 07:31", "Peter", "@ Kaffeetante, @ Hanna Berger: Was ist das Thema?", ["#24", "#23"]),
 (27, "05.06.2022 07:40", "Hanna Berger", "@Peter Die Bahn. @Deutsche Bahn ist schuld.", ["#26", "Deutsche Bahn"]),
 (28, "05.06.2022 07:45", "Peter", "@Hanna BergerDanke. @20 hatte das auch gesagt.", ["#27", "#20"]),
 (29, "05.06.2022 07:50", "Kaffeetante", "@Peter @Peter doppelt hält besser.", ["#28", "#28"]),
 (30, "05.06.2022 08:00", "Bahnfahrer", "@Nr.27 Hanna Berger: Die Bahn ist pünktlich! @#29 Kaffeetante sieht das auch so.", ["#27", "#29"]),
 (31, "05.06.2022 08:05", "Ömer Yıldız", "@Bahnfahrer:Nie im Leben. @Peter, @Hanna Berger, @Kaffeetante: oder?", ["#30", "#28", "#27", "#29"]),
 (32, "05.06.2022 08:15", "Hanna Berger", "@ 31, Ömer Yıldız, doch.\n@Bahnfahrer hat recht.", ["#31", "#30"]),
 (33, "05.06.2022 08:20", "Gast", "@Gast? Wer ist @Gast. @32 @31 @30 Alles Quatsch.", ["none", "none", "#32", "#31", "#30"]),
 (34, "05.06.2022 08:31", "Bahnfahrer", "@Gast Quatsch ist das nicht. Ein Ticket kostet 49 € @ Monat.", ["#33", "none"]),
 (35, "05.06.2022 08:40", "Peter", "@bahnfahrer Stimmt, 49 Euro.", ["#34"]),
 (36, "05.06.2022 08:45", "Hanna Berger", "@35 Peter, @34 Bahnfahrer und @Ömer: Schluss jetzt.", ["#35", "#34", "#31"]),
 (37, "05.06.2022 08:50", "Kaffeetante", "@Hanna: genau. @Bahnfahrer, @Peter, @Gast: Tschüss.", ["#36", "#34", "#35", "#33"]),
 (38, "05.06.2022 09:00", "Peter", "@ 37 Tschüss!\n@Kaffeetante @Hanna Berger @Ömer Yıldız", ["#37", "#37", "#36", "#31"]),
]

# English CSV export with explicit parent ids (Globe-like handles)
E = [  # comment_id, parent_id, author, posted_at (UTC ISO), text, labels (comment_id, name, or none)
 ("e1", "", "argyle5663", "2021-09-01T10:00:00Z", "The course list is fine.", []),
 ("e2", "e1", "Miss Moppet", "2021-09-01T10:05:00Z", "No, it is not fine.", []),
 ("e3", "e1", "argyle5663", "2021-09-01T10:10:00Z", "@Miss Moppet Yes it is.", ["e2"]),
 ("e4", "e1", "david coates", "2021-09-01T10:15:00Z", "@argyleYou keep repeating yourself.", ["e3"]),
 ("e5", "e1", "Miss Moppet", "2021-09-01T10:20:00Z", "@david coates: and you?", ["e4"]),
 ("e6", "e1", "david coates", "2021-09-01T10:25:00Z", "@Ms.Moppet'rather than literature' was your phrase.", ["e5"]),
 ("e7", "", "Gottlob Frege", "2021-09-01T10:30:00Z", "Rodeo is big in Manitoba too.", []),
 ("e8", "e7", "WhatTheThunderSaid", "2021-09-01T10:35:00Z", "@ Golttlob I think Alberta is different.", ["e7"]),
 ("e9", "e7", "david coates", "2021-09-01T10:40:00Z", "@miss moppet:MM, wrong thread? @Miss M:You again.", ["e5", "e5"]),
 ("e10", "e1", "Miss Moppet", "2021-09-01T10:45:00Z", "@Miss MoppetJeez, I am talking to myself. @davidcoates stop.", ["none", "e6"]),
 ("e11", "e7", "Concerned Citizen ETown", "2021-09-01T10:50:00Z", "Why is it not warm then?", []),
 ("e12", "e11", "rustneversleeps", "2021-09-01T10:55:00Z", "@CCETown - it takes time for the oceans.", ["e11"]),
 ("e13", "e11", "George Victor 1", "2021-09-01T11:00:00Z", "@rustneversleeps quite right.", ["e12"]),
 ("e14", "e11", "AbbasToronto", "2021-09-01T11:05:00Z", "@George VictorPopulation can be a resource.", ["e13"]),
 ("e15", "e99", "Rob_K", "2021-09-01T11:10:00Z", "@AbbasToronto, no. Reply to a deleted comment.", ["e14"]),
 ("e16", "e15", "Smart one too", "2021-09-01T11:15:00Z", "@Rob_KThe factions did it. @sethWhat do you think?", ["e15", "seth"]),
 ("e17", "e15", "seth", "2021-09-01T11:20:00Z", "@Smart one too illiterate.", ["e16"]),
 ("e18", "e15", "Smart one too", "2021-09-01T11:25:00Z", "@sethWhy the personal attack? LOL@seth", ["e17", "none"]),
 ("e19", "", "Katherinemildred", "2021-09-01T11:30:00Z", "I am Canadian without living there.", []),
 ("e20", "e19", "warbirds", "2021-09-01T11:35:00Z", "@Katherine: your government disagrees. Mail warbirds@example.com", ["e19", "none"]),
 ("e21", "e19", "yotphix1", "2021-09-01T11:40:00Z", "@warbirds: I disagree with you. See http://x.com/@warbirds", ["e20", "none"]),
 ("e22", "e19", "Katherinemildred", "2021-09-01T11:45:00Z", "@yotphix1 @warbirds thanks both.", ["e21", "e20"]),
 ("e23", "e19", "warbirds", "2021-09-01T11:50:00Z", "@Katherinemildred you're welcome. @Hugh Wood said so too.", ["e22", "Hugh Wood"]),
 ("e24", "", "Hugh Wood", "2021-09-01T11:55:00Z", "@warbirds I said nothing of the kind.", ["e23"]),
 ("e25", "e24", "Liz Gillon", "2021-09-01T12:00:00Z", "@ Hugh Wood. The point is immigration.", ["e24"]),
 ("e26", "e24", "ArmchairAntique", "2021-09-01T12:05:00Z", "@Liz GillonI hope you do some research.\n\n@Rod Sheridan\n\nNo, not a bad thing.", ["e25", "Rod Sheridan"]),
 ("e27", "e24", "Rod Sheridan", "2021-09-01T12:10:00Z", "@ArmchairAntique It is a bad thing. @ArmchairAntique again.", ["e26", "e26"]),
 ("e28", "e24", "Liz Gillon", "2021-09-01T12:15:00Z", "@Rod Sheridan @ArmchairAntique @Hugh Wood all of you, read.", ["e27", "e26", "e24"]),
 ("e29", "e28", "SoundOff", "2021-09-01T12:20:00Z", "Models don't predict trends on such short time frames.", []),
 ("e30", "e28", "SoundOff", "2021-09-01T12:25:00Z", "And the oceans absorb heat.", []),
 ("e31", "e28", "JPM6", "2021-09-01T12:30:00Z", "@SoundOffIf 'models don't predict trends on such short time frames', why trust them?", ["e29"]),
 ("e32", "", "JPM6", "2021-09-01T12:35:00Z", "@SoundOff again: and the oceans?", ["e30"]),
]

LABELS = []


def page(name, title, rows, newest_first, declared):
    lines = [title, "", "Ein Text zum Thema, mit einem @-Zeichen im Artikel selbst.", "", f"{declared} Kommentare", ""]
    for num, when, author, text, labels in (reversed(rows) if newest_first else rows):
        lines += [f"{when} {author} {num}", "", text, ""]
    (OUT / name).write_text("\n".join(lines), encoding="utf-8")
    for num, when, author, text, labels in rows:
        assert text.count("@") >= len(labels), (name, num)
        if not labels:
            LABELS.append((name, str(num), "none", "no reference"))
        for lab in labels:
            LABELS.append((name, str(num), lab, ""))


def main():
    page("de_rente.txt", "Debatte: Die Rente mit 63", A, True, 22)
    page("de_quellen.txt", "Kommentare zum Artikel über Quellen", B, True, 20)
    page("en_library.txt", "Council debates library funding", C, False, 20)
    page("de_bahn.txt", "Bahn: Verspätungen am Pfingstwochenende", D, True, 38)
    with open(OUT / "en_threads.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["comment_id", "parent_id", "article_id", "author", "posted_at_utc", "text"])
        for cid, parent, author, when, text, labels in E:
            w.writerow([cid, parent, "en_threads", author, when, text])
            if not labels:
                LABELS.append(("en_threads.csv", cid, "none", "no reference"))
            for lab in labels:
                LABELS.append(("en_threads.csv", cid, lab, ""))
    with open(OUT / "labels.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "comment", "target", "note"])
        w.writerows(LABELS)
    refs = [x for x in LABELS if x[3] != "no reference"]
    print(len(refs), "labelled @-occurrences;", sum(x[2] != "none" for x in refs), "true references")


if __name__ == "__main__":
    main()
