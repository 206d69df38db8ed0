"""LetterDocument to DOCX and PDF, packets and signatures."""
