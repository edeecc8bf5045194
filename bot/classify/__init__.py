"""Small, fast text classifiers shared by the safety layer and the topic classifier."""
