"""The seed's five references, worked out by hand, as mentions and replies tables.

Used by the plot, figure and pseudonym tests so they do not depend on the resolver's state:
#15 Wessi '@ 12' -> #12 Norbert NRW; #11 Federico '@Ralf Meier' -> not in the data;
#10 Meckersack '@9 W. Merseburger' -> #9; #9 W. Merseburger '@ 7, Meckersack' -> #7;
#7 Meckersack '@6 W. Merseburger' -> #6.
"""

import pandas as pd

from commentgraph import schema

#: (source number, raw reference as in the text, written number, written name, target number, target author)
LINKS = [
    (15, "@ 12", 12, None, 12, "Norbert NRW", "number"),
    (11, "@Ralf Meier", None, "Ralf Meier", None, "Ralf Meier", "unresolved"),
    (10, "@9 W. Merseburger", 9, "W. Merseburger", 9, "W. Merseburger", "number+author"),
    (9, "@ 7, Meckersack", 7, "Meckersack", 7, "Meckersack", "number+author"),
    (7, "@6 W. Merseburger", 6, "W. Merseburger", 6, "W. Merseburger", "number+author"),
]
SEED_AUTHORS = ["Wessi", "Sabrina", "Fragender Rentner", "Norbert NRW", "Federico", "Meckersack",
                "Merseburger", "Jakob", "Ralf Meier"]


def link_seed(d):
    """The seed Discussion with the hand-made mentions and replies in place."""
    c = d.comments.set_index("number")
    art = c["article_id"].iloc[0]
    mentions, replies = [], []
    for src, raw, wnum, wname, tnum, tauthor, res in LINKS:
        text = c.loc[src, "text"]
        start = text.index(raw)
        target_id = c.loc[tnum, "comment_id"] if tnum is not None else None
        mentions.append({"comment_id": c.loc[src, "comment_id"], "article_id": art, "start": start,
                         "end": start + len(raw), "raw": raw, "written_number": wnum, "written_name": wname,
                         "target_number": tnum, "target_author": tauthor, "target_comment_id": target_id,
                         "resolution": res, "reason": None if tnum else "target not in the data"})
        latency = c.loc[src, "posted_at"] - c.loc[tnum, "posted_at"] if tnum is not None else pd.NaT
        replies.append({"source_comment_id": c.loc[src, "comment_id"], "target_comment_id": target_id,
                        "target_author": tauthor, "via": "mention", "resolution": res, "article_id": art,
                        "source_author": c.loc[src, "author"], "latency": latency})
    return d.replace(mentions=schema.conform(pd.DataFrame(mentions), "mentions"),
                     replies=schema.conform(pd.DataFrame(replies), "replies"))
