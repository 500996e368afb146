/*
 * test_units.c - the optimum does not depend on the units the plan is
 * stated in.  tests/units/units.py restates a plan with money, compute,
 * memory, wafers, power or racks in units 1e-6 to 1e6 times the original
 * (every attribute of that dimension scaled, MODEL.md "Units"), solves
 * each at a gap of 1e-6 and checks that every one is proven optimal, that
 * its total_cost is the original's (times the money factor) within 1e-6
 * and that no bound lies above the original's optimum.
 *
 * (2026-12-07: the example in compute units 1e6 times larger stopped as
 * "time_limit" 0.4 % above its optimum, with no time limit: the RINS
 * sub-MIP's plan was taken at a cost below its own; 2025.csv in memory
 * units 1e9 times smaller ended in a silent exit 70.)  Units further out
 * still go wrong where the model's coefficients span far beyond the 1e12
 * that sgplan warns at (README "Numerics").
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

static void units_of(const char *plan, const char *tag)
{
	char dir[512], cmd[2200];
	snprintf(dir, sizeof dir, "%s", tu_tmp_dir(tag));
	snprintf(cmd, sizeof cmd, "python3 tests/units/units.py '%s' 1e-6 "
		 "1e-3 1e3 1e6 --cases '%s' --jobs 2 > '%s.txt' 2>&1 || "
		 "{ cat '%s.txt'; exit 1; }", plan, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
}

static void units_example(void **s)
{
	(void)s;
	units_of("tests/data/example.csv", "example");
}

static void units_2025(void **s)
{
	(void)s;
	units_of("data/2025.csv", "2025");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(units_example),
		cmocka_unit_test(units_2025),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
