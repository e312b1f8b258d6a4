// @brief Listing and removing directories without std::filesystem's
// directory iterators, which end the process in std::terminate when memory
// runs out (libstdc++ 12: directory_iterator, and remove_all and is_empty,
// which use it; found by tests/out_of_memory_test.cc). Here running out of
// memory is a std::bad_alloc, or a failure the caller is told about.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace tracuu {

// The names in directory `dir` ("." and ".." left out), in no set order,
// read with opendir/readdir. When `dir` cannot be read, `error` says why and
// the names read so far are returned. Out of memory: std::bad_alloc.
std::vector<std::string> DirectoryNames(const std::filesystem::path& dir, std::error_code& error);

// Removes `path` and, for a directory, everything below it, without
// following symlinks (nftw, depth first): what std::filesystem::remove_all
// does. Why something could not be removed (ENOMEM included), or no error;
// a missing `path` is nothing to remove.
std::error_code RemoveTree(const std::filesystem::path& path) noexcept;

}  // namespace tracuu
