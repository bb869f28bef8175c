"""Reading archives: files and folders of every supported format and encoding into article records, with their dates."""
