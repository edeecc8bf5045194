"""Personal data handling: finding and masking personal details, erasing conversations."""
