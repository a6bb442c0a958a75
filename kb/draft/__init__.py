"""Drafting the annotation of a new article: what a machine can find, for a curator to confirm.

`kb new` copies an article's text into the corpus, byte for byte, and writes a draft annotation
beside it. The draft is a valid annotation with nothing confirmed: its live YAML is the `article:`
section only (the language, the publication date, and what the curator gave on the command line);
everything found by machine is written as YAML comments, each finding with its quote and offsets,
in the very form the annotation takes, so that the curator confirms a finding by uncommenting it.
So the draft builds as it is, and no fact is asserted before a person has read it.

One module per job:

* `dates`: dates and times of day, resolved against the publication date;
* `furniture`: page furniture, the title and headings;
* `metadata`: the publication date, dateline, outlets, byline, and the publisher given;
* `names`: registry mentions (and other spellings of them) and names the registry lacks;
* `speakers`, `verbs`, `quotes`, `statements`: attributed statements and who makes them;
* `figures`: counts and measures, as outcomes or figures;
* `render`: the YAML comments; `new`: `draft_annotation` and `new_article`;
* `findings`: the findings themselves; `lexicon`: the words the rules rely on.
"""

from kb.draft.dates import find_dates, parse_date_option
from kb.draft.figures import find_figures
from kb.draft.findings import Candidate, DateFound, Draft, DraftError, FigureFound, Found, Mention, Statement
from kb.draft.names import find_candidates, find_mentions
from kb.draft.new import NewArticle, article_id_for, draft_annotation, new_article
from kb.draft.statements import find_statements

__all__ = [
    "Candidate", "DateFound", "Draft", "DraftError", "FigureFound", "Found", "Mention", "NewArticle", "Statement",
    "article_id_for", "draft_annotation", "find_candidates", "find_dates", "find_figures", "find_mentions",
    "find_statements", "new_article", "parse_date_option",
]
