"""Limits for a child process that runs someone else's query: no network, bounded memory.

:func:`forbid_network` makes the calling process unable to open network
connections, at two levels:

- the kernel: on Linux (x86-64 and AArch64) a seccomp filter makes ``socket()``
  fail with ``EACCES`` for every address family except ``AF_UNIX``, and makes
  ``connect()``, ``sendto()``, ``sendmsg()``, ``sendmmsg()`` and ``io_uring_setup()``
  fail as well (so neither a new socket nor one inherited from the parent can reach
  anything). This holds for native code too: Oxigraph's own HTTP client, which
  ``SERVICE`` would use, cannot connect;
- Python: :mod:`socket` is replaced by a function that raises, so Python code gets
  a clear ``OSError`` even where seccomp is unavailable.

The filter cannot be removed once installed (``PR_SET_NO_NEW_PRIVS``), so call it
only in a child process that exists to run one job.

:func:`limit_memory` caps the address space the process may still grow by
(``RLIMIT_AS``): past it, allocations fail instead of the machine swapping.

>>> import os
>>> pid = os.fork()
>>> if pid == 0:                                   # the child
...     try:
...         forbid_network()
...         import socket
...         socket.create_connection(("127.0.0.1", 9))
...     except OSError:
...         os._exit(0)
...     finally:
...         os._exit(1)
>>> os.waitpid(pid, 0)[1]
0
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct
import sys

# seccomp and BPF constants (linux/seccomp.h, linux/filter.h, linux/audit.h)
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS = 0x20          # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15             # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35             # BPF_JMP | BPF_JGE | BPF_K
_RET_K = 0x06             # BPF_RET | BPF_K
_AF_UNIX = 1

#: per machine: audit arch, and the syscall numbers of socket, then the calls refused outright
_SYSCALLS = {
    "x86_64": (0xC000003E, 41, (42, 44, 46, 307, 425)),
    "aarch64": (0xC00000B7, 198, (203, 206, 211, 269, 425)),
}


def _filter(arch: int, socket_nr: int, refused: tuple[int, ...]) -> bytes:
    """The BPF program: refuse *refused*, allow ``socket`` only for AF_UNIX, allow the rest."""
    deny = _RET_ERRNO | errno.EACCES
    prog: list[tuple[int, int, int, int]] = []

    def op(code, k=0, jt=0, jf=0):
        prog.append((code, jt, jf, k))

    op(_LD_W_ABS, 4)                              # seccomp_data.arch
    op(_JEQ_K, arch, 1, 0)
    op(_RET_K, deny)                              # another ABI (e.g. 32-bit calls): refuse
    op(_LD_W_ABS, 0)                              # seccomp_data.nr
    op(_JGE_K, 0x40000000, 0, 1)                  # x32 system calls
    op(_RET_K, deny)
    for nr in refused:
        op(_JEQ_K, nr, 0, 1)
        op(_RET_K, deny)
    op(_JEQ_K, socket_nr, 1, 0)
    op(_RET_K, _RET_ALLOW)
    op(_LD_W_ABS, 16)                             # seccomp_data.args[0] (low half): the address family
    op(_JEQ_K, _AF_UNIX, 0, 1)
    op(_RET_K, _RET_ALLOW)
    op(_RET_K, deny)
    return b"".join(struct.pack("HBBI", *ins) for ins in prog)


def _install_seccomp() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    spec = _SYSCALLS.get(platform.machine())
    if spec is None:
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    code = _filter(*spec)
    buf = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(code) // 8, ctypes.addressof(buf))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0


def _refuse(*_args, **_kwargs):
    raise OSError(errno.EACCES, "network access is disabled in the query process")


def forbid_network() -> bool:
    """Make this process unable to open network connections; True when the kernel enforces it."""
    import _socket
    import socket
    for mod in (socket, _socket):
        for name in ("socket", "create_connection", "create_server", "socketpair", "fromfd", "getaddrinfo"):
            if hasattr(mod, name):
                setattr(mod, name, _refuse)
    return _install_seccomp()


def address_space() -> int:
    """Bytes of address space this process holds now (Linux; 0 where unknown)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(extra: int) -> None:
    """Let this process grow by at most *extra* bytes of address space from now on."""
    import resource
    cap = address_space() + extra
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap if hard == resource.RLIM_INFINITY else hard))
