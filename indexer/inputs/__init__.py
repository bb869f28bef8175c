"""Reading archives: files and folders of every format and encoding into article records."""
