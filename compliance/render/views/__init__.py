"""What the commands other than `assess` and `compare` print: one module per command's view
(`lscb explain`, `lscb gaps`, `lscb rules`, and the stderr summary of `check` and `compare`)."""
