"""The Telegram-free conversation core: (user state, input) -> replies."""
