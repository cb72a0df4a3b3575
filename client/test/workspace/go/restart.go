package main

// Used by the server-restart tests: the diagnostic below must come back after a restart.
var restartToken = "Nx4bV7cM2zQ8wR5tK1yH"
