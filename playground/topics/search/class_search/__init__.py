"""The class search ("the class is the caviar"): every student's app trains the search page's
scene with its own hyperparameters and the presenter screen plots all results as one search.

``space`` is the search space as plain data and each member's assignment on the right scale,
``training`` trains one member's run and makes the record the class store accepts, ``summary``
says what the class found in words (every number from the results; its claims for a simulated
class are checked by a test) and ``figures`` draws dev cost against α and the parallel
coordinates of every knob. No page of its own: the Classroom page calls these.
"""
