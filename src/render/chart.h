/*
 * chart.h — the chart model shared by every chart ivp draws: the report's
 * PDF (cairo) and HTML, and the web app's SVG charts. What a chart shows
 * is decided here once — the y axis with its unit and readable ticks, the
 * x axis of years, the interval band, a comparison line, the line from a
 * goal's baseline to its target, and a break where the source's
 * classification changes — so a figure looks the same on screen and on
 * paper; the back ends only draw it.
 */
#ifndef IVP_RENDER_CHART_H
#define IVP_RENDER_CHART_H

#define IVP__CHART_MAX 32 /* points of one chart */

typedef struct ivp__chart_point {
	int year;
	double v, lo, hi; /* lo = hi = v when exact; v NaN: no value that year */
	double cmp;	  /* the comparison line's value (has_cmp); NaN: none */
} ivp__chart_point;

typedef struct ivp__chart_axis {
	double lo, hi, step; /* the range and the tick step: ticks lo, lo+step, … hi */
	int nticks;
	int dec; /* decimals the tick labels need */
} ivp__chart_axis;

typedef struct ivp__chart {
	const char *title, *unit; /* the unit is the y axis label */
	const char *band_label, *line_label, *target_label, *cmp_label;
	const char *break_label; /* the marker of a classification change */
	const char *line2_label; /* the series after the break */
	int n;
	ivp__chart_point p[IVP__CHART_MAX];
	int has_band;	/* draw the interval band lo..hi */
	int has_target; /* the line from (x0, y0) to (x1, y1) */
	int has_cmp;	/* the comparison line p[].cmp */
	int break_year; /* > 0: the points from this year on are another classification:
			 * a second series, never joined to the first, and a marker */
	int x0, x1;
	double y0, y1;
	int xmin, xmax; /* years on the x axis */
	ivp__chart_axis y;
} ivp__chart;

/*
 * Readable ticks for data in [dmin, dmax]: a step of 1, 2 or 5 times a
 * power of ten, at most maxticks ticks, the range starting at 0 when the
 * data are all positive and their span is at least a tenth of the top
 * (rates, shares, counts).
 */
void ivp__chart_axis_of(double dmin, double dmax, int maxticks, ivp__chart_axis *ax);

/* An empty chart: no points, comparison values NaN. */
void ivp__chart_init(ivp__chart *c);
/* Append a point (lo/hi NaN: exact); -1 when the chart is full. */
int ivp__chart_add(ivp__chart *c, int year, double v, double lo, double hi, double cmp);
/*
 * Decide what is drawn from the points, the comparison line and the
 * target line: has_band (some point has an interval), the years xmin..xmax
 * (every year in between has a place, so a missing year is a gap) and the
 * y axis (6 ticks at most) over every value drawn.
 */
void ivp__chart_fit(ivp__chart *c);

/* The series of point i: 0, or 1 from break_year on. */
int ivp__chart_series(const ivp__chart *c, int i);
/* Whether points i-1 and i are joined by the line: both have a value and
 * no classification break lies between them (a year without a point is
 * bridged, as survey years two apart are). */
int ivp__chart_joined(const ivp__chart *c, int i);

/* Positions for a back end: a year in [x0, x1] (each year the middle of
 * its slot), a value in [top, bottom] (top is the axis's hi). */
double ivp__chart_x(const ivp__chart *c, double year, double x0, double x1);
double ivp__chart_y(const ivp__chart *c, double v, double top, double bottom);

/*
 * The comparison of areas in one year (the region's safety picture): a
 * row per area, drawn as a bar from 0 to its value with the value's
 * interval, a mark for the value it is compared with (for a gemeente the
 * rest of the region without it: each row has its own) and a word (the
 * verdict); one reference line over every row (the region as a whole).
 * The rows are sorted by value, highest first, ties by label; a row
 * without a value comes last, is named and never drawn as 0. The value
 * axis starts at 0 (bars) and has readable ticks (ivp__chart_axis_of).
 */
#define IVP__ROWS_MAX 64 /* rows of one chart */

typedef struct ivp__rows_row {
	char label[128];  /* the area's name */
	char note[64];	  /* the verdict words shown beside the row; "" none */
	double v, lo, hi; /* lo = hi = v when exact; v NaN: no figure */
	double cmp;	  /* the row's comparison value; NaN: none */
} ivp__rows_row;

typedef struct ivp__rows {
	const char *title, *unit; /* the unit is the value axis's label */
	const char *value_label, *band_label, *cmp_label, *ref_label;
	const char *nodata_label; /* said in the place of a row without a value */
	const char *order_label;  /* how the rows are sorted, in words */
	double ref;		  /* the reference line; NaN: none */
	int n;
	ivp__rows_row r[IVP__ROWS_MAX];
	int has_band, has_cmp; /* some row has an interval; a comparison value */
	int nvalues;	       /* rows with a value: the first nvalues after the fit */
	ivp__chart_axis x;
} ivp__rows;

/* An empty comparison: no rows, no reference line. */
void ivp__rows_init(ivp__rows *c);
/* Append a row (label and note copied, cut to their size; lo/hi NaN:
 * exact; v NaN: no figure); -1 when the chart is full. */
int ivp__rows_add(ivp__rows *c, const char *label, double v, double lo, double hi, double cmp,
		  const char *note);
/* Sort the rows (value high to low, ties by label, those without a value
 * last by label) and decide has_band, has_cmp, nvalues and the value axis
 * (0 to over every value, interval, comparison and the reference, 6
 * ticks at most). The same rows give the same chart in any order. */
void ivp__rows_fit(ivp__rows *c);
/* A value's position in [x0, x1] (x0 is the axis's lo). */
double ivp__rows_x(const ivp__rows *c, double v, double x0, double x1);

#endif
