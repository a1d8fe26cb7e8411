"""The e-learning platform. ``learning.app.create_app`` builds the Flask application; the
README's design section shows the layers and which package may import which."""
