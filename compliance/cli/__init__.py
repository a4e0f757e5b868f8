"""The `lscb` command line: options read, the library called, the output written, the run ended."""
