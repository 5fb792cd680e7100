// libpq, PostgreSQL's own client library (Debian's libpq-dev), for PeekStore's PostgreSQL backend.
// Debian installs its headers below /usr/include/postgresql, which is not on the default path.
#include <postgresql/libpq-fe.h>

// The PG_DIAG_* field codes are character-literal macros ('C'), which Swift does not import.
static const int cpostgresql_diag_sqlstate = PG_DIAG_SQLSTATE;
static const int cpostgresql_diag_message_primary = PG_DIAG_MESSAGE_PRIMARY;
