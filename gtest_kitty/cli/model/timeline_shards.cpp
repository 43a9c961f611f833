// join_shards (timeline.h): the shards of one CI run as one timeline.
#include <fmt/format.h>

#include <algorithm>

#include "cli/model/timeline.h"

namespace kitty::cli {

Timeline join_shards(std::vector<std::pair<std::string, Timeline>> shards) {
  Timeline joined;
  joined.lanes_are_workers = true;
  long long slowest_wall = -1;
  std::vector<UnitTime> units;
  for (auto& [label, shard] : shards) {
    const size_t first_bar = joined.bars.size();
    LaneGroup group{label, joined.lanes, std::max(shard.lanes, 1), shard.wall_us,
                    shard.bars.size()};
    joined.lanes_are_workers &= shard.lanes_are_workers || shard.bars.empty();
    for (TimelineBar& bar : shard.bars) {
      bar.lane += group.first_lane;
      units.push_back(unit_times_of({*bar.process}).front());
      units.back().seconds = static_cast<double>(bar.end_us - bar.start_us) / 1e6;
      joined.bars.push_back(std::move(bar));
    }
    if (shard.wall_us > slowest_wall) {
      slowest_wall = shard.wall_us;
      joined.critical_path.clear();
      for (const size_t index : shard.critical_path) {
        joined.critical_path.push_back(first_bar + index);
      }
    }
    joined.lanes += group.lanes;
    joined.busy_us += shard.busy_us;
    joined.wall_us = std::max(joined.wall_us, shard.wall_us);
    joined.groups.push_back(std::move(group));
  }
  // A unit longer than all units together over all lanes of all jobs
  // bounds the whole CI run: no split into jobs can beat it.
  int working = 0;  // an empty share's lane is drawn, but no worker ran in it
  for (const LaneGroup& group : joined.groups) working += group.processes > 0 ? group.lanes : 0;
  joined.bounding = find_bounding_unit(units, working);
  return joined;
}

}  // namespace kitty::cli
