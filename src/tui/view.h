/* view.h - the visible window of the plot, and how keys move it. No curses. */
#ifndef CAPSCOPE_TUI_VIEW_H
#define CAPSCOPE_TUI_VIEW_H

typedef struct tui_view {
    double x_min, x_max;    /* log10 FLOPs */
    double y_min, y_max;    /* accuracy */
    int manual;             /* 0: follows the data (reset) */
} tui_view;

#define TUI_VIEW_MIN_SPAN_X 1e-3
#define TUI_VIEW_MIN_SPAN_Y 1e-3
/* Accuracy lies in [0, 1]: a window twice that tall shows it all with room. */
#define TUI_VIEW_MAX_SPAN_Y 2.0
/* The compute axis zooms out to this many times the data's span (at least
 * one decade): ten decades around data spanning one. */
#define TUI_VIEW_MAX_ZOOM_OUT_X 10.0

/* Automatic view over data spanning [z_lo, z_hi]: capscope plot's x view of
 * it (cs_plot_auto_x_view), y in [0, 1]. */
void tui_view_auto(tui_view *v, double z_lo, double z_hi);

/* Zoom by factors (< 1 zooms in) around (cz, cy), keeping that point fixed;
 * zooming out (fy > 1) then slides the accuracy axis to show as much of
 * [0, 1] as the window's height holds. */
void tui_view_zoom(tui_view *v, double fx, double fy, double cz, double cy);

/* Pan by fractions of the current span (positive: right / up). */
void tui_view_pan(tui_view *v, double fx, double fy);

/* Keep the data in sight after a zoom or pan: at most TUI_VIEW_MAX_SPAN_Y
 * tall and TUI_VIEW_MAX_ZOOM_OUT_X times the data's compute span wide
 * (around the window's centre), and overlapping accuracy [0, 1] and the
 * data's compute [z_lo, z_hi] (slid back to touch them). Without data
 * (z_lo, z_hi not finite) only the accuracy axis is kept. */
void tui_view_clamp(tui_view *v, double z_lo, double z_hi);

/* 1 when (z, y) is inside the view. */
int tui_view_contains(const tui_view *v, double z, double y);

#endif
