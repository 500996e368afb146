/*
 * test_risk.c - Monte Carlo: closed forms with fixed seeds, properties of
 * the draws, determinism across thread counts, zero volatility, and the
 * FORMAT.md example figures.
 */
#include "testutil.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgplan/common.h"
#include "sgplan/diag.h"
#include "sgplan/risk.h"

/* risk.csv cell: column col (3 = mean, 4 = sd) of the row that starts
 * with prefix. */
static double risk_cell(const char *dir, const char *prefix, int col)
{
	char path[600];
	snprintf(path, sizeof path, "%s/risk.csv", dir);
	char *s = tu_read_file(path, NULL);
	char *l = strstr(s, prefix);
	if (!l)
		fail_msg("no row %s", prefix);
	for (int c = 0; c < col; c++)
		l = strchr(l, ',') + 1;
	double v = strtod(l, NULL);
	free(s);
	return v;
}

/* E[(D-C)+] of a lognormal D against its exact formula, within 4 se. */
static void risk_1_lognormal_unserved(void **st)
{
	(void)st;
	const char *dir = tu_solve("lognormal", "tests/model/lognormal.csv",
			      "--scenarios 4000 --seed 11");
	double v = 0.3, D = 10, C = 8;
	double d1 = (log(D / C) + v * v / 2) / v, d2 = d1 - v;
	double exact = D * gsl_cdf_ugaussian_P(d1) -
		       C * gsl_cdf_ugaussian_P(d2);
	double got = tu_out_metric(dir, "expected_unserved_compute");
	double sd = risk_cell(dir, "unserved,R,total,", 4);
	double se = sd / sqrt(4000);
	if (fabs(got - exact) > 4 * se)
		fail_msg("E[(D-C)+] = %g, exact %g, se %g", got, exact, se);
}

/* Multipliers have mean one; correlation and delay frequency as set. */
static void risk_2_draw_properties(void **st)
{
	(void)st;
	sg_plan *p = tu_load_plan("tests/data/example.csv");
	sg_scenario sc;
	sg_scenario_init(&sc, p);
	long n = 20000;
	double m[2] = { 0 }, m2[2] = { 0 }, x[2], sxy = 0, del = 0, pm = 0;
	double vk = p->unc.demand_vol[0], ve = p->unc.demand_vol[1];
	for (long i = 0; i < n; i++) {
		sg_scenario_draw(p, 3, (uint64_t)i, &sc);
		for (int r = 0; r < 2; r++) {
			double mult = sc.demand[r * p->T] / p->reg[r].demand[0];
			m[r] += mult;
			m2[r] += mult * mult;
		}
		/* quarter 1 log multipliers are v*eps - v^2/2 */
		x[0] = (log(sc.demand[0] / p->reg[0].demand[0]) +
			vk * vk / 2) / vk;
		x[1] = (log(sc.demand[p->T] / p->reg[1].demand[0]) +
			ve * ve / 2) / ve;
		sxy += x[0] * x[1];
		del += sc.delayed[1]; /* Jeonnam: p = 0.3 */
		pm += sc.price[2 * p->T + 3] / p->site[2].energy_price[3];
	}
	for (int r = 0; r < 2; r++) {
		double mean = m[r] / n;
		double se = sqrt((m2[r] / n - mean * mean) / n);
		assert_true(fabs(mean - 1) < 4 * se);
	}
	assert_true(fabs(pm / n - 1) < 0.01);
	/* E[eps_K eps_E] = rho = 0.6; var of the product is 1 + rho^2 */
	assert_true(fabs(sxy / n - 0.6) < 4 * sqrt(1.36 / (double)n));
	double q = 0.3, se = sqrt(q * (1 - q) / n);
	assert_true(fabs(del / n - q) < 4 * se);
	sg_scenario_free(&sc);
	sg_plan_free(p);
}

static void risk_3_threads_identical(void **st)
{
	(void)st;
	static const char *risk[] = { "risk.csv" };
	const char *a = tu_solve("threads1", "tests/data/example.csv",
			    "--scenarios 60 --seed 5 --threads 1");
	const char *b = tu_solve("threads2", "tests/data/example.csv",
			    "--scenarios 60 --seed 5 --threads 2");
	tu_assert_same_reports(a, b, risk, 1);
}

/* With no uncertainty rows every scenario is the forecast. */
static void risk_4_zero_volatility(void **st)
{
	(void)st;
	const char *dir = tu_solve("zerovol", "tests/model/option.csv",
			      "--scenarios 5");
	assert_true(tu_out_metric(dir, "expected_total_cost") ==
		    tu_out_metric(dir, "total_cost"));
	assert_true(tu_out_metric(dir, "expected_total_cost_se") == 0);
}

/* FORMAT.md "Example": figures of an independent implementation. */
static void risk_5_example(void **st)
{
	(void)st;
	const char *dir = tu_solve("example-mc", "tests/data/example.csv",
			      "--scenarios 100 --seed 7");
	struct { const char *m; double v; } want[] = {
		{ "expected_total_cost", 3174944.66628394 },
		{ "expected_total_cost_se", 140221.567714586 },
		{ "total_cost_p90", 4414764.32077099 },
		{ "total_cost_cvar95", 7666859.67970517 },
		{ "probability_unserved", 1 },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		double got = tu_out_metric(dir, want[i].m);
		if (fabs(got - want[i].v) > 1e-6 * fmax(1, fabs(want[i].v)))
			fail_msg("%s = %.15g, want %.15g", want[i].m, got,
				 want[i].v);
	}
}

/* --dump-scenario I writes scenario I's inputs in the input format: it
 * loads back with exactly the drawn series and solves on its own, as that
 * scenario alone (no scenarios setting: --scenarios 5 was the run's). */
static void risk_6_dump_scenario(void **st)
{
	(void)st;
	const char *dir = tu_solve("dump", "tests/data/example.csv",
			      "--scenarios 5 --seed 7 --dump-scenario 3");
	char path[600];
	snprintf(path, sizeof path, "%s/scenario-3.csv", dir);
	sg_plan *p = tu_load_plan("tests/data/example.csv");
	sg_plan *q = tu_load_plan(path);
	sg_scenario sc;
	sg_scenario_init(&sc, p);
	sg_scenario_draw(p, 7, 3, &sc);
	assert_int_equal(q->T, p->T);
	assert_int_equal(q->scenarios, 0);
	for (int t = 0; t < p->T; t++) {
		for (int r = 0; r < p->nreg; r++)
			assert_true(q->reg[r].demand[t] ==
				    sc.demand[r * p->T + t]);
		for (int s = 0; s < p->nsite; s++) {
			assert_true(q->site[s].energy_price[t] ==
				    sc.price[s * p->T + t]);
			assert_true(q->site[s].grid_mw[t] ==
				    sc.grid[s * p->T + t]);
		}
	}
	sg_scenario_free(&sc);
	sg_plan_free(p);
	sg_plan_free(q);
	dir = tu_solve("dump-solve", path, "");
	char *sum = tu_out_file(dir, "summary.csv");
	assert_null(strstr(sum, "expected_total_cost"));
	free(sum);
}

static int not_negative(double v)
{
	return v >= 0;
}

/* (2026-11-27) Every statistic of risk.csv is of a quantity >= 0: none
 * is negative, not even by the simplex's hair (an unserved -1.2e-8 in one
 * of these 200 scenarios of data/2025.csv made a mean of -6e-11). */
static void risk_7_no_negative(void **st)
{
	(void)st;
	const char *dir = tu_solve("risk-sign", "data/2025.csv",
				   "--scenarios 200");
	char *r = tu_out_file(dir, "risk.csv");
	assert_true(tu_csv_numbers(r, "risk.csv", not_negative) > 1000);
	free(r);
}

/* --verbose into a log (stderr not a terminal): the scenarios' progress
 * comes as whole lines, not a line rewritten in place (2026-12-07: every
 * update went into the log on one line, with \r and ESC[K). */
static void risk_8_verbose_log(void **st)
{
	(void)st;
	char *err = NULL;
	assert_int_equal(tu_run(NULL, &err, "tests/data/example.csv --verbose "
				"--scenarios 50 --out '%s'",
				tu_tmp_dir("risk-log")), 0);
	assert_null(strchr(err, '\r'));
	assert_null(strchr(err, '\033'));
	const char *p = strstr(err, "sgplan: scenarios 50/50, ");
	assert_non_null(p);
	assert_true(p == err || p[-1] == '\n');
	assert_non_null(strchr(p, '\n'));
	free(err);
}

/* any_unserved per quarter counts the scenarios unserved in that quarter,
 * and its total those unserved in any (README "Choices"): the closed forms
 * of tests/model/lognormal2.csv, each within 4 se of 4,000 scenarios (the
 * horizon's 0.792 would be 9 se from quarter 1's 0.724). */
static void risk_9_any_unserved_quarters(void **st)
{
	(void)st;
	const char *dir = tu_solve("any-unserved", "tests/model/lognormal2.csv",
				   "--scenarios 4000 --seed 11");
	double a = (log(0.8) + 0.045) / 0.3, b = (log(0.8) + 0.09) / 0.3;
	double union_ = 0, lo = a - 12, h = 12.0 / 100000;
	for (int i = 0; i <= 100000; i++) {
		double x = lo + i * h, w = i == 0 || i == 100000 ? 0.5 : 1;
		union_ += w * h * gsl_ran_ugaussian_pdf(x) *
			  gsl_cdf_ugaussian_Q(b - x);
	}
	struct { const char *row; double p; } want[] = {
		{ "any_unserved,*,2025Q1,", gsl_cdf_ugaussian_Q(a) },
		{ "any_unserved,*,2025Q2,", gsl_cdf_ugaussian_Q(b / sqrt(2)) },
		{ "any_unserved,*,total,", gsl_cdf_ugaussian_Q(a) + union_ },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		double got = risk_cell(dir, want[i].row, 3);
		double se = sqrt(want[i].p * (1 - want[i].p) / 4000);
		if (fabs(got - want[i].p) > 4 * se)
			fail_msg("%s %g, closed form %g, se %g", want[i].row,
				 got, want[i].p, se);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(risk_1_lognormal_unserved),
		cmocka_unit_test(risk_2_draw_properties),
		cmocka_unit_test(risk_3_threads_identical),
		cmocka_unit_test(risk_4_zero_volatility),
		cmocka_unit_test(risk_5_example),
		cmocka_unit_test(risk_6_dump_scenario),
		cmocka_unit_test(risk_7_no_negative),
		cmocka_unit_test(risk_8_verbose_log),
		cmocka_unit_test(risk_9_any_unserved_quarters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
