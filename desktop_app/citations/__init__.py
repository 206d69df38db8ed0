"""Reading citations that PubMed and reference managers export, into the case format's evidence.

Pure: every function takes text and returns records or evidence items; reading files and the
network is for services/. Each reader reports bad input as a `CitationProblem` with its line,
never a traceback.
"""
