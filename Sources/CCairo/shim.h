#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
/* Fonts are loaded from a named file through FreeType, never looked up by family name, so a
   missing font is an error instead of a silent substitute. */
#include <cairo/cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
