"""Schools: the register, statuses by year, social passports, partnerships, curators; the school card."""
