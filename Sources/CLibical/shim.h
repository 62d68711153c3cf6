#ifndef FOLLOWUP_CLIBICAL_SHIM_H
#define FOLLOWUP_CLIBICAL_SHIM_H
// libical 3.x, as Debian's libical-dev installs it.
#include <libical/ical.h>
#endif
