#include "importers/batch_queue.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

using investmap::importers::BatchQueue;

BOOST_AUTO_TEST_CASE(batches_arrive_whole_and_in_order) {
    BatchQueue<int> queue(2);
    std::jthread producer([&queue] {
        for (int b = 0; b < 100; ++b) queue.push({b * 3, b * 3 + 1, b * 3 + 2});
        queue.finish();
    });
    std::vector<int> received;
    while (auto batch = queue.pop()) received.insert(received.end(), batch->begin(), batch->end());
    BOOST_REQUIRE(received.size() == 300u);
    for (int i = 0; i < 300; ++i) BOOST_TEST(received[i] == i);
}

BOOST_AUTO_TEST_CASE(a_producer_waits_while_the_queue_is_full) {
    BatchQueue<int> queue(2);
    std::atomic<int> pushed = 0;
    std::jthread producer([&] {
        for (int b = 0; b < 5; ++b) {
            queue.push({b});
            ++pushed;
        }
        queue.finish();
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (pushed.load() < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_TEST(pushed.load() == 2);  // the third push waits for room
    int batches = 0;
    while (queue.pop()) ++batches;
    BOOST_TEST(batches == 5);
}

BOOST_AUTO_TEST_CASE(the_producers_error_comes_after_the_batches_before_it) {
    BatchQueue<int> queue(4);
    queue.push({1});
    queue.finish(std::make_exception_ptr(std::runtime_error("read error in feature 7")));
    BOOST_TEST(queue.pop()->front() == 1);
    BOOST_CHECK_EXCEPTION(queue.pop(), std::runtime_error,
                          [](const std::runtime_error& e) { return std::string(e.what()) == "read error in feature 7"; });
}

BOOST_AUTO_TEST_CASE(a_consumer_that_leaves_releases_a_waiting_producer) {
    BatchQueue<int> queue(1);
    bool last_push = true;
    std::jthread producer([&] {
        queue.push({1});
        last_push = queue.push({2});  // waits for room, then learns the consumer has gone
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    queue.cancel();
    producer.join();
    BOOST_TEST(!last_push);
}

BOOST_AUTO_TEST_CASE(batches_given_back_return_to_the_producer) {
    BatchQueue<int> queue(2);
    queue.push({1, 2});
    queue.give_back(std::move(*queue.pop()));
    auto spent = queue.take_back();
    BOOST_REQUIRE(spent.size() == 1u);
    BOOST_TEST(spent.front().size() == 2u);
    BOOST_TEST(queue.take_back().empty());
}
