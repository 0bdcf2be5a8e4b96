/* tui.h - the entry point of the interactive face. */
#ifndef CAPSCOPE_TUI_H
#define CAPSCOPE_TUI_H

/* Run the TUI with the program's argv (after option parsing by main);
 * returns the exit status. */
int tui_main(int argc, char **argv);

#endif
