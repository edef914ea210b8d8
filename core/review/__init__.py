"""Review state: the reviewer's corrections kept beside the parsed values, and the project store."""
