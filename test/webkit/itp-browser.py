#!/usr/bin/python3
"""A WebKitGTK browser for WebDriver with a *persistent* profile and Intelligent Tracking Prevention on.

MiniBrowser --automation always uses an ephemeral website-data manager, for which WebKit builds no ITP
store: no cap is ever applied there, and a test on it passes whatever the code does (see the README,
"Safari's 7-day cap, measured"). WebKitWebDriver starts this file (capability webkitgtk:browserOptions)
with --profile=<folder>; it may add its own arguments, which are ignored.
"""
import sys

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2  # noqa: E402

profile = next((arg.split('=', 1)[1] for arg in sys.argv[1:] if arg.startswith('--profile=')), None)
if not profile:
    sys.exit('itp-browser.py: --profile=<folder> is required')

manager = WebKit2.WebsiteDataManager(base_data_directory=f'{profile}/data', base_cache_directory=f'{profile}/cache')
manager.set_itp_enabled(True)
context = WebKit2.WebContext(website_data_manager=manager)
cookies = manager.get_cookie_manager()
cookies.set_persistent_storage(f'{profile}/cookies.sqlite', WebKit2.CookiePersistentStorage.SQLITE)
cookies.set_accept_policy(WebKit2.CookieAcceptPolicy.NO_THIRD_PARTY)
context.set_automation_allowed(True)
windows = []


def new_view(_session):
    view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True)
    window = Gtk.Window()
    window.set_default_size(1024, 768)
    window.add(view)
    window.show_all()
    windows.append(window)
    return view


def on_automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name('cid-itp-browser')
    info.set_version(1, 0, 0)
    session.set_application_info(info)
    session.connect('create-web-view', new_view)


context.connect('automation-started', on_automation_started)
Gtk.main()
