#include "server/best_paths.h"

#include <algorithm>
#include <tuple>

namespace tracuu {
namespace {

// One of the k best partial paths ending in some option of a step: its score
// and where it came from (the option of the step before and that option's
// rank among its own partial paths).
struct Partial {
  double score = 0;
  size_t previous = 0;
  size_t rank = 0;
};

// Best first; equal scores in the order they were made (lower options first).
void KeepBest(std::vector<Partial>& partials, size_t k) {
  std::stable_sort(partials.begin(), partials.end(),
                   [](const Partial& a, const Partial& b) { return a.score > b.score; });
  if (partials.size() > k) partials.resize(k);
}

}  // namespace

std::vector<ScoredPath> BestPaths(const std::vector<size_t>& options, size_t k, const EmissionScore& emission,
                                  const TransitionScore& transition) {
  const size_t steps = options.size();
  if (steps == 0 || k == 0 || std::find(options.begin(), options.end(), 0) != options.end()) return {};
  // best[step][option]: the k best partial paths ending in that option.
  std::vector<std::vector<std::vector<Partial>>> best(steps);
  for (size_t step = 0; step < steps; ++step) {
    best[step].resize(options[step]);
    for (size_t option = 0; option < options[step]; ++option) {
      const double own = emission(step, option);
      std::vector<Partial>& partials = best[step][option];
      if (step == 0) {
        partials.push_back({own, 0, 0});
        continue;
      }
      for (size_t previous = 0; previous < options[step - 1]; ++previous) {
        const double link = transition(step, previous, option);
        const std::vector<Partial>& before = best[step - 1][previous];
        for (size_t rank = 0; rank < before.size(); ++rank) {
          partials.push_back({before[rank].score + link + own, previous, rank});
        }
      }
      KeepBest(partials, k);
    }
  }
  // The k best ends, then each path read back from its end.
  std::vector<std::tuple<double, size_t, size_t>> ends;  // score, option, rank
  for (size_t option = 0; option < options[steps - 1]; ++option) {
    for (size_t rank = 0; rank < best[steps - 1][option].size(); ++rank) {
      ends.emplace_back(best[steps - 1][option][rank].score, option, rank);
    }
  }
  std::stable_sort(ends.begin(), ends.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  if (ends.size() > k) ends.resize(k);
  std::vector<ScoredPath> paths;
  for (const auto& [score, last, last_rank] : ends) {
    ScoredPath path{score, std::vector<size_t>(steps)};
    size_t option = last, rank = last_rank;
    for (size_t step = steps; step-- > 0;) {
      path.choices[step] = option;
      const Partial& partial = best[step][option][rank];
      option = partial.previous;
      rank = partial.rank;
    }
    paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace tracuu
