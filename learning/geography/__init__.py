"""Countries and the regions used for workshops and reports: reference data every layer reads."""
