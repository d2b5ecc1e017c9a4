"""Run the server: bind the address first (a clear one-line error when it is taken), then uvicorn."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Callable

from ..errors import UsageError

__all__ = ["serve", "bind", "app_from_env", "DEFAULT_HOST", "DEFAULT_PORT", "ENV_DB"]

DEFAULT_HOST = "127.0.0.1"  # loopback: the archive is not shown to the network unless asked
DEFAULT_PORT = 8000
ENV_DB = "BANMIAN_SERVE_DB"  # how worker processes (--workers > 1) learn the archive's path
BACKLOG = 2048  # pending connections the kernel queues: a burst of clients is not refused


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port), or ``UsageError`` saying why not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise UsageError(f"--host {host!r}: not an address this machine has ({e.strerror})") from None
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
        sock.listen(BACKLOG)
    except OSError as e:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({e.strerror or e}): choose another --port") from None
    sock.set_inheritable(True)
    return sock


def app_from_env():
    """The app factory of worker processes: the archive's path comes from ``BANMIAN_SERVE_DB``."""
    from .app import create_app

    return create_app(os.environ[ENV_DB])


def serve(db: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, workers: int = 1,
          access_log: bool = False, announce: Callable[[str], None] | None = None) -> None:
    """Serve the archive at ``db`` until interrupted. The archive is checked (opened read-only) first."""
    import uvicorn

    from .app import create_app

    app = create_app(db)  # raises ArchiveMissingError / ArchiveVersionError now, before binding
    stats = app.state.started_stats
    sock = bind(host, port)
    real_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    say = announce or (lambda m: print(m, file=sys.stderr, flush=True))
    say(f"banmian: serving {db} ({stats['articles']:,} articles, {stats['facts']:,} facts) read-only at "
        f"http://{shown}:{real_port}/ (API docs at /docs); Ctrl+C to stop")
    if not is_loopback(host):
        say(f"banmian: warning: --host {host} makes the archive readable from other machines")
    log_level = "info" if access_log else "warning"
    if workers > 1:
        os.environ[ENV_DB] = os.path.abspath(db)
        config = uvicorn.Config("banmian.web.serve:app_from_env", factory=True, workers=workers,
                                log_level=log_level, access_log=access_log, backlog=BACKLOG)
        from uvicorn.supervisors import Multiprocess

        try:  # uvicorn >= 0.30 starts its workers itself; older ones take the server's run
            supervisor = Multiprocess(config, sockets=[sock])
        except TypeError:
            supervisor = Multiprocess(config, target=uvicorn.Server(config).run, sockets=[sock])
        supervisor.run()
        return
    config = uvicorn.Config(app, log_level=log_level, access_log=access_log, backlog=BACKLOG)
    uvicorn.Server(config).run(sockets=[sock])
