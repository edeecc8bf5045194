"""Safeguarding rule layer: finds danger, self-harm, abuse disclosures, jurisdiction and abuse of staff in a message."""
