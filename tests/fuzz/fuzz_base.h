/*
 * fuzz_base.h - the fixed base plan that the fuzzer and its replay test
 * merge every input into as a what-if file (sg_plan_load_whatif), and a
 * fixed what-if that they merge into every input used as a base.  Small,
 * but with a row in every section, series with cells, pairwise rows and
 * uncertainty, so that merging reaches every kind of row.
 */
#ifndef SG_FUZZ_BASE_H
#define SG_FUZZ_BASE_H

static const char fuzz_base[] =
	"section,name,attribute,value,2025Q1,2025Q2,2025Q3,2025Q4\n"
	"plan,,discount_rate,0.08\n"
	"product,P,lead_quarters,1\n"
	"product,P,contract,,10,,20\n"
	"product,P,shortfall_penalty,2\n"
	"fab,F,wafer_capacity,100\n"
	"fab,F,units_per_wafer:P,30\n"
	"fab,F,wafer_cost:P,10\n"
	"platform,A,kw_per_rack,100\n"
	"platform,A,compute_per_rack,1\n"
	"platform,A,memory:P,8\n"
	"platform,A,first_quarter,2025Q2\n"
	"site,S,grid_mw,10,,20\n"
	"site,S,pue,1.25\n"
	"site,S,energy_price,,1,2,3,4\n"
	"site,S,initial_it_mw,4\n"
	"site,S,initial_racks:A,10\n"
	"site,S,serve_cost:R,1\n"
	"region,R,demand,5\n"
	"region,R,unserved_penalty,100\n"
	"option,O,target,site:S\n"
	"option,O,capacity,10\n"
	"option,O,lead_quarters,1\n"
	"option,G,target,grid:S\n"
	"option,G,capacity,5\n"
	"option,G,requires,O\n"
	"uncertainty,demand:*,volatility,0.1\n"
	"uncertainty,demand:*,correlation,0.5\n"
	"uncertainty,grid:S,delay_probability,0.2\n"
	"uncertainty,grid:S,delay_quarters,1\n";

static const char fuzz_whatif[] =
	"section,name,attribute,value,2025Q2\n"
	"site,S,pue,*1.1\n"
	"site,S,grid_mw,,*2\n"
	"region,R,demand,*1.5\n"
	"option,O,capacity,12\n"
	"uncertainty,demand:*,volatility,*2\n";

#endif
