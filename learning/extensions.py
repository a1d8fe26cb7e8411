"""Flask extensions, created unbound here and bound to the app in ``create_app``."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
# Keyed on the client address; behind a proxy, ProxyFix (configured with the number of
# proxies) makes remote_addr the real client, so X-Forwarded-For cannot be forged.
limiter = Limiter(key_func=get_remote_address)
