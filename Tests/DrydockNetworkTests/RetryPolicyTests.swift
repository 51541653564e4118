import DrydockNetwork
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    @Test func exponentialBackoffWithCap() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: 0.5, maxDelay: 3)
        #expect(policy.delay(afterAttempt: 1) == 0.5)
        #expect(policy.delay(afterAttempt: 2) == 1)
        #expect(policy.delay(afterAttempt: 3) == 2)
        #expect(policy.delay(afterAttempt: 4) == 3)
        #expect(policy.delay(afterAttempt: 10) == 3)
        // Jitter keeps the wait in the upper half.
        #expect(policy.delay(afterAttempt: 2, jitter: 0) == 0.5)
        #expect(policy.delay(afterAttempt: 2, jitter: 0.5) == 0.75)
    }

    @Test func retryAfterWinsAndIsCapped() {
        let policy = RetryPolicy(maxRetryAfter: 10)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 4) == 4)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 120) == 10)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 0) == 0)
    }

    @Test func parsesRetryAfter() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.parseRetryAfter("120") == 120)
        #expect(RetryPolicy.parseRetryAfter(" 0 ") == 0)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == 30)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == 0)
        #expect(RetryPolicy.parseRetryAfter("-5") == nil)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    }

    @Test(arguments: [
        (408, true), (429, true), (500, true), (502, true), (503, true), (504, true),
        (501, false), (505, false), (404, false), (401, false), (200, false),
    ])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }

    @Test func attemptsAreBounded() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(RetryPolicy.none.maxAttempts == 1)
    }
}
