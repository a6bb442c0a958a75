"""Credentials for external stores: where they come from, and the HTTP opener that uses them.

A user name and password are never given on the command line, where other users of the machine
and the shell's history would see them: they come from an environment variable that the user
names (holding `user:password`), or from a netrc file (the user's `~/.netrc`, or another one).
urllib's handlers answer the store's challenge with them, by HTTP basic or digest authentication,
whichever the store asks for (Virtuoso's authenticated endpoints ask for digest).

The password is never shown: not in messages, errors, progress lines or a `repr`. Errors name
the variable, the file or the host, never what they hold.
"""

from __future__ import annotations

import netrc
import os
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import InputError, display_path


class CredentialsError(InputError):
    """Credentials were asked for but cannot be had (a variable unset, a netrc file without the host)."""


@dataclass(frozen=True)
class Credentials:
    """A user name and password for the stores at one endpoint's host."""

    user: str
    password: str = field(repr=False)
    source: str = ""  # where they came from, as a user may be told: "$VAR", "~/.netrc"

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=<hidden>, source={self.source!r})"

    def opener(self, url: str) -> urllib.request.OpenerDirector:
        """A urllib opener that answers the challenges of the server at `url` (basic or digest)."""
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        parts = urllib.parse.urlsplit(url)
        passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", self.user, self.password)
        return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords), _DigestHandler(passwords))


class _DigestHandler(urllib.request.HTTPDigestAuthHandler):
    """urllib's digest handler, which counts a retry that ended in another error (a 404 for a graph
    the store does not have) against the same request's limit of retries, so that after six such
    answers it gives up on every later request: the count is reset once each request is done."""

    def http_error_401(self, req, fp, code, msg, headers):
        try:
            return super().http_error_401(req, fp, code, msg, headers)
        finally:
            self.reset_retry_count()


def from_environment(variable: str) -> Credentials:
    """The credentials in the environment variable `variable`, which holds `user:password`.

    Raises CredentialsError when it is unset, empty, or has no colon (what it holds is not shown).
    """
    value = os.environ.get(variable)
    if not value:
        raise CredentialsError(f"the environment variable {variable} is not set: set it to USER:PASSWORD "
                               "(for example with `read -s`), or use --netrc")
    user, colon, password = value.partition(":")
    if not colon or not user:
        raise CredentialsError(f"the environment variable {variable} must hold USER:PASSWORD (it holds no colon "
                               "after a user name)")
    return Credentials(user, password, f"${variable}")


def from_netrc(url: str, file: Path | None = None) -> Credentials:
    """The credentials for the host of `url` in a netrc file (default: $NETRC, else ~/.netrc).

    Raises CredentialsError when the file cannot be read or parsed, or has no entry for the host
    (nor a default one).
    """
    path = file or Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except FileNotFoundError:
        raise CredentialsError(f"no netrc file at {display_path(path)}") from None
    except (OSError, netrc.NetrcParseError) as err:
        reason = getattr(err, "msg", None) or getattr(err, "strerror", None) or type(err).__name__
        raise CredentialsError(f"cannot read the netrc file {display_path(path)}: {reason}") from None
    if entry is None or not entry[0]:
        raise CredentialsError(f"the netrc file {display_path(path)} has no login for {host}")
    return Credentials(entry[0], entry[2] or "", display_path(path))


def refuse_in_url(url: str) -> None:
    """Raise CredentialsError for a URL that carries a user name or password, without showing them."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise CredentialsError("the endpoint's URL holds a user name or password: give them with "
                               "--credentials-env VARIABLE or --netrc instead, and leave them out of the URL")


def strip_userinfo(url: str) -> str:
    """The URL without any user name and password, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    netloc = parts.hostname or ""
    if ":" in netloc:  # an IPv6 address
        netloc = f"[{netloc}]"
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def chosen(url: str, variable: str | None = None, use_netrc: bool = False, netrc_file: Path | None = None) -> Credentials | None:
    """The credentials the user chose for the endpoint at `url`: from `variable`, from a netrc file
    (`netrc_file`, or the default one when `use_netrc`), or None when none were asked for.

    Raises CredentialsError for both sources at once, and as `from_environment` and `from_netrc`.
    """
    if variable and (use_netrc or netrc_file):
        raise CredentialsError("give the credentials either with --credentials-env or with --netrc, not both")
    if variable:
        return from_environment(variable)
    if use_netrc or netrc_file:
        return from_netrc(url, netrc_file)
    return None
