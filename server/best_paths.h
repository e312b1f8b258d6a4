// @brief The k best paths through a chain of choices (list Viterbi), as the
// accent restorer reads a query typed without marks: one choice of spelling
// per word, a score for each spelling and for each pair of neighbours.
//
// Example: three words with 2, 3 and 2 spellings,
//   BestPaths({2, 3, 2}, 4, emission, transition)
// returns the four highest-scoring choices of one spelling per word, best
// first, each scored emission(0, c0) + transition(1, c0, c1) + emission(1, c1)
// + transition(2, c1, c2) + emission(2, c2).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace tracuu {

struct ScoredPath {
  double score = 0;
  std::vector<size_t> choices;  // one index per step, each < options[step]
};

// Score of option `choice` at step `step`.
using EmissionScore = std::function<double(size_t step, size_t choice)>;
// Score of option `choice` at step `step` (>= 1) following option `previous`
// at step - 1.
using TransitionScore = std::function<double(size_t step, size_t previous, size_t choice)>;

// The (at most) `k` best paths, best first; ties keep the lower choices
// first. `options[step]` is how many options step has; a step with none, or
// k == 0, gives no path. Each transition is asked for once.
std::vector<ScoredPath> BestPaths(const std::vector<size_t>& options, size_t k, const EmissionScore& emission,
                                  const TransitionScore& transition);

}  // namespace tracuu
