"""Letter templates and rendering a case into a LetterDocument."""
