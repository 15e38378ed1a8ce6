"""Reading copied comment pages: stages from lines to comment blocks (vocabulary, time expressions,
layout inference, reply markers). ``read_page`` and ``read_pages`` assemble them."""
