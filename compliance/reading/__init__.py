"""Reading untrusted input: files of bounded size, YAML that remembers its lines, errors that
locate, and text made harmless to print."""
