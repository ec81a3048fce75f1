// Snowball's stemmers (libstemmer, Debian's libstemmer-dev), used by AlliesCore/Search/Stemmer.swift.
#include <libstemmer.h>
