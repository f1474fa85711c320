# wrong: no coroutines at all: prints the expected lines in an interleaved order itself
# fails: at_the_same_time
# says: was printed outside any event loop
# says: async def cook(num)
import time

for text in ["做饭...", "洗衣服...", "做饭...", "洗衣服...", "洗衣服...", "洗衣服...", "洗衣服..."]:
    print(text)
    time.sleep(0.25)
