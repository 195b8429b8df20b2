"""The ambassador programme's services; every other feature lives in its own package under bot/."""
