/* tui.h - the entry point of the interactive face. */
#ifndef CAPSCOPE_TUI_H
#define CAPSCOPE_TUI_H

#include <getopt.h>
#include <stdio.h>

/* The interactive face's long options (main checks them for abbreviations). */
extern const struct option tui_options[];

/* The interface's options, for the usage texts of both entry points. */
void tui_options_help(FILE *f);

/* Run the TUI with the program's argv (after option parsing by main);
 * returns the exit status. */
int tui_main(int argc, char **argv);

#endif
