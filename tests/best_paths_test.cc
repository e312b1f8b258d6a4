// The k best paths through a chain of choices (server/best_paths.h), checked
// against every path scored one by one.
#include "server/best_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace tracuu {
namespace {

// Every path through `options`, scored, best first (ties in the order made,
// lower choices first).
std::vector<ScoredPath> AllPaths(const std::vector<size_t>& options, const EmissionScore& emission,
                                 const TransitionScore& transition) {
  std::vector<ScoredPath> paths{{0, {}}};
  for (size_t step = 0; step < options.size(); ++step) {
    std::vector<ScoredPath> longer;
    for (size_t choice = 0; choice < options[step]; ++choice) {
      for (const ScoredPath& path : paths) {
        ScoredPath next = path;
        next.score += emission(step, choice) + (step > 0 ? transition(step, path.choices.back(), choice) : 0);
        next.choices.push_back(choice);
        longer.push_back(std::move(next));
      }
    }
    paths = std::move(longer);
  }
  std::stable_sort(paths.begin(), paths.end(), [](const ScoredPath& a, const ScoredPath& b) { return a.score > b.score; });
  return paths;
}

TEST(BestPathsTest, FindsTheBestPathsOfEveryPathScoredOneByOne) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> score(0, 10);
  for (int round = 0; round < 50; ++round) {
    std::vector<size_t> options(1 + random() % 5);
    for (size_t& count : options) count = 1 + random() % 4;
    // Scores on a grid of quarters, so that sums are exact and ties real.
    std::vector<std::vector<double>> own(options.size(), std::vector<double>(4));
    std::vector<std::vector<std::vector<double>>> link(options.size(), std::vector<std::vector<double>>(4, std::vector<double>(4)));
    for (auto& row : own) for (double& value : row) value = std::floor(score(random)) / 4;
    for (auto& table : link) for (auto& row : table) for (double& value : row) value = std::floor(score(random)) / 4;
    const EmissionScore emission = [&](size_t step, size_t choice) { return own[step][choice]; };
    const TransitionScore transition = [&](size_t step, size_t previous, size_t choice) { return link[step][previous][choice]; };
    const std::vector<ScoredPath> all = AllPaths(options, emission, transition);
    for (size_t k : {1, 3, 8, 100}) {
      const std::vector<ScoredPath> best = BestPaths(options, k, emission, transition);
      ASSERT_EQ(best.size(), std::min(k, all.size()));
      for (size_t i = 0; i < best.size(); ++i) {
        EXPECT_DOUBLE_EQ(best[i].score, all[i].score) << "round " << round << ", k " << k << ", path " << i;
      }
      // The best path itself, ties broken towards lower choices as Viterbi with
      // a strict comparison does.
      EXPECT_EQ(best[0].choices, all[0].choices) << "round " << round;
    }
  }
}

TEST(BestPathsTest, AsksForEachTransitionOnce) {
  int asked = 0;
  const std::vector<ScoredPath> best = BestPaths(
      {3, 3, 3}, 5, [](size_t, size_t) { return 0.0; },
      [&](size_t, size_t previous, size_t choice) {
        ++asked;
        return previous == choice ? 1.0 : 0.0;
      });
  EXPECT_EQ(asked, 2 * 3 * 3);
  ASSERT_EQ(best.size(), 5u);
  EXPECT_EQ(best[0].choices, (std::vector<size_t>{0, 0, 0}));
  EXPECT_DOUBLE_EQ(best[0].score, 2.0);
}

TEST(BestPathsTest, NoPathThroughAStepWithoutOptions) {
  const EmissionScore none = [](size_t, size_t) { return 0.0; };
  const TransitionScore flat = [](size_t, size_t, size_t) { return 0.0; };
  EXPECT_TRUE(BestPaths({}, 3, none, flat).empty());
  EXPECT_TRUE(BestPaths({2, 0, 2}, 3, none, flat).empty());
  EXPECT_TRUE(BestPaths({2, 2}, 0, none, flat).empty());
  EXPECT_EQ(BestPaths({1}, 3, none, flat).size(), 1u);
}

}  // namespace
}  // namespace tracuu
