"""What the assistant answers from our code: facts (defaults plus staff edits), youth answers, feelings replies, answers for parents and professionals."""
