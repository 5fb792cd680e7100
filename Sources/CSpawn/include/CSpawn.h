// posix_spawn's GNU extension that Swift's Glibc module does not show (it needs _GNU_SOURCE).
#ifndef PEEK_CSPAWN_H
#define PEEK_CSPAWN_H

#include <spawn.h>

/// Closes every descriptor from `lowest` up in the child (glibc 2.34+), so a sandboxed process
/// inherits nothing of the worker but what the file actions gave it.
int peek_spawn_add_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
