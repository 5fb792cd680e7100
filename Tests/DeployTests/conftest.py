import os
import shutil

import pytest

from deploy_support import install, require_release_build


@pytest.fixture(scope="session")
def installed_root(tmp_path_factory):
    """Peek installed by deploy/install.sh into a fresh root prefix (DESTDIR), once per session."""
    require_release_build()
    root = tmp_path_factory.mktemp("root")
    install(root, "install")
    return root


@pytest.fixture(scope="session")
def verify_root(installed_root, tmp_path_factory):
    """The installed tree plus the host's own systemd units, for `systemd-analyze verify --root`:
    the Peek units name system units (sysinit.target, multi-user.target) and their programs must
    exist at their ExecStart paths inside the root."""
    system_units = "/lib/systemd/system"
    target = os.path.join(installed_root, "usr/lib/systemd/system")
    if not os.path.isdir(target):
        shutil.copytree(system_units, target, symlinks=True)
    if not os.path.lexists(os.path.join(installed_root, "lib")):
        os.symlink("usr/lib", os.path.join(installed_root, "lib"))
    return installed_root
