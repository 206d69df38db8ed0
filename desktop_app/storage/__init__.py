"""Where the app keeps its files: the data folder, practice settings, the case database."""
