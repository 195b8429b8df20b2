"""Plumbing every process shares: settings, clock, encryption, keys, pseudonyms, jobs, logging, errors, hardening, signed buttons, code guessing caps."""
